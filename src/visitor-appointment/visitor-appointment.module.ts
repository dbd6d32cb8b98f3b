import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FaceRegistryModule } from '../face-registry/face-registry.module';
import { BindingService } from './bindings/binding.service';
import { BindingsController } from './bindings/bindings.controller';
import { WechatBinding } from './bindings/wechat-binding.entity';
import { Employee } from './employees/employee.entity';
import { EmployeeService } from './employees/employee.service';
import { EmployeesController } from './employees/employees.controller';

/** Visitor appointments: the employee directory, WeChat bindings, applications, sign-in, QR codes and notifications. */
@Module({
  imports: [TypeOrmModule.forFeature([Employee, WechatBinding]), FaceRegistryModule],
  controllers: [EmployeesController, BindingsController],
  providers: [EmployeeService, BindingService],
})
export class VisitorAppointmentModule {}
